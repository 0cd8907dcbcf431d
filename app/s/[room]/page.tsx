import type { Metadata } from 'next';
import { SessionLoader } from '@/components/session-loader';

export const metadata: Metadata = { title: 'Session · Sparkpad' };

/** The room id comes from the path; the access token stays in the fragment, read only in the browser. */
export default async function SessionPage({ params }: { params: Promise<{ room: string }> }) {
  const { room } = await params;
  return <SessionLoader room={room} />;
}
