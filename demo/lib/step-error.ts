/** A scene step that could not happen; the message names the person, the step and what was missing. */
export class StepError extends Error {
  constructor(person: string, step: string, why: string) {
    super(`${person}: ${step}: ${why}`);
    this.name = 'StepError';
  }
}
