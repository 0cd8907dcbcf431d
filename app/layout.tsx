// app/: the Next.js pages: the landing page (page.tsx) with its New session button, one session's
// page under s/[room]/, and this root layout with the global styles and the theme set before first paint.

import type { Metadata, Viewport } from 'next';
import { THEME_BOOT_SCRIPT } from '@/lib/browser/settings/theme-boot-script';
import './globals.css';
import './theme-light.css';

export const metadata: Metadata = {
  title: 'Sparkpad',
  description: 'A collaborative coding playground with an AI pair programmer',
  // Share links carry their key in the fragment; browsers never send fragments, and no-referrer keeps
  // even the path of a session out of other sites' logs.
  referrer: 'no-referrer',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: dark)', color: '#0d1117' },
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
  ],
  colorScheme: 'light dark',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The boot script sets data-theme before hydration; React must not undo it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
