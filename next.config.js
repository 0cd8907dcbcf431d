const dev = process.env.NODE_ENV !== 'production';

/**
 * The content security policy. Next's hydration scripts are inline, Monaco injects its styles and runs
 * language services in same-origin module workers; websockets go to this same origin. Nothing is ever
 * loaded from another origin. 'unsafe-eval' only in dev (React's dev tools need it).
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''} 'wasm-unsafe-eval'`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-src 'self' blob: data:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A separate build folder lets two checkouts' worth of builds coexist (e.g. a benchmark beside tests).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Types are checked once by `npm run typecheck` (part of `npm test`), not again inside every build.
  typescript: { ignoreBuildErrors: true },
  // Dev resources are refused for origins Next does not know; the server listens on 127.0.0.1 by default.
  allowedDevOrigins: ['127.0.0.1'],
  // The custom server (server/index.ts) owns the port; Next only renders pages and route handlers.
  serverExternalPackages: ['better-sqlite3', 'pino', 'pg', 'ioredis'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: contentSecurityPolicy },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
