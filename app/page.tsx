import { NewSessionButton } from '@/components/new-session-button';
import { WorkspaceImport } from '@/components/workspace-import';

export default function LandingPage() {
  return (
    <WorkspaceImport>
        <div className="landing-mark">✦</div>
        <h1>Sparkpad</h1>
        <p className="landing-lead">
          A coding playground for several people at once: share a link, type in the same files live, see
          everyone’s cursor, and pair with Spark, an AI that edits alongside you.
        </p>
        <NewSessionButton />
        <ul className="landing-points">
          <li>Live multi-file editing in Monaco</li>
          <li>Edit and view-only share links</li>
          <li>Your own undo, never someone else’s</li>
        </ul>
    </WorkspaceImport>
  );
}
