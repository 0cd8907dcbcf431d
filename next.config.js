/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The custom server (server/index.ts) owns the port; Next only renders pages and route handlers.
  serverExternalPackages: ['better-sqlite3', 'pino'],
};

export default nextConfig;
