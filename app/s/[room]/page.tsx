// app/s/[room]/: the page a share link opens (/s/<room>#k=<token>); it hands the room to the session
// loader, which reads the token from the fragment in the browser.

import type { Metadata } from 'next';
import { SessionLoader } from '@/components/session-loader';

export const metadata: Metadata = { title: 'Session · Sparkpad' };

/** The room id comes from the path; the access token stays in the fragment, read only in the browser. */
export default async function SessionPage({ params }: { params: Promise<{ room: string }> }) {
  const { room } = await params;
  return <SessionLoader room={room} />;
}
