/**
 * Tells screen readers what a person took from Spark: a polite live region beside the editor whose text
 * becomes the accepted suggestion. Monaco's own ghost text did this through its accessibility signals;
 * drawing ghost text ourselves means saying it ourselves.
 */
export class AcceptAnnouncer {
  private readonly region: HTMLElement;

  constructor(container: HTMLElement) {
    this.region = document.createElement('div');
    this.region.setAttribute('role', 'status');
    this.region.setAttribute('aria-live', 'polite');
    this.region.dataset.testid = 'ghost-text-announcer';
    this.region.className = 'sp-visually-hidden';
    container.append(this.region);
  }

  accepted(text: string): void {
    // A live region announces changes: the same text twice in a row must still be a change.
    this.region.textContent = '';
    this.region.textContent = `Accepted Spark's suggestion: ${text}`;
  }

  dispose(): void {
    this.region.remove();
  }
}
