import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: 'Sparkpad',
  description: 'A collaborative coding playground with an AI pair programmer',
  // Share links carry their key in the fragment; browsers never send fragments, and no-referrer keeps
  // even the path of a session out of other sites' logs.
  referrer: 'no-referrer',
};

export const viewport: Viewport = { themeColor: '#0d1117', colorScheme: 'dark' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
