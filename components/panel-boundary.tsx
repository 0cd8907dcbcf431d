'use client';

import { Component, type ReactNode } from 'react';

interface Props {
  /** Said in the fallback: which part of the page stopped. */
  label: string;
  children: ReactNode;
}

/**
 * Keeps one panel's failure inside that panel. The server refuses document entries that break the
 * document model, but a panel that still cannot draw what it was given (old data, a bug) shows a short
 * notice and a retry instead of blanking the whole page for everyone in the room.
 */
export class PanelBoundary extends Component<Props, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  componentDidCatch(error: unknown): void {
    console.error(`${this.props.label} failed to render`, error);
  }

  render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="panel-failed" role="alert" data-testid="panel-failed">
        <p>{this.props.label} could not be shown.</p>
        <button type="button" onClick={() => this.setState({ failed: false })}>
          Try again
        </button>
      </div>
    );
  }
}
