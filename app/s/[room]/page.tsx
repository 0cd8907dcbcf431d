// app/s/[room]/: the page a share link opens (/s/<room>#k=<token>); it hands the room to the session
// loader, which reads the token from the fragment in the browser, and starts fetching the room's first
// lines inline, before any of the page's scripts.

import type { Metadata } from 'next';
import { SessionLoader } from '@/components/session-loader';
import { OPENING_BOOT_SCRIPT } from '@/lib/browser/ui/opening-boot-script';

export const metadata: Metadata = { title: 'Session · Sparkpad' };

/** The room id comes from the path; the access token stays in the fragment, read only in the browser. */
export default async function SessionPage({ params }: { params: Promise<{ room: string }> }) {
  const { room } = await params;
  return (
    <>
      <SessionLoader room={room} />
      {/* After the shell, so the elements it draws into are parsed when its answer arrives. */}
      <script dangerouslySetInnerHTML={{ __html: OPENING_BOOT_SCRIPT }} />
    </>
  );
}
