'use client';

import { useState } from 'react';
import { FILE_ERROR_MESSAGES, type FileResult } from '@/lib/shared/document/doc-model';

interface Props {
  initial: string;
  testId: string;
  label: string;
  /** Applies the name; a failed result keeps the input open with the error shown. */
  onSubmit(name: string): FileResult<string>;
  onCancel(): void;
}

/** Inline name input for new and renamed files: Enter applies, Escape or leaving cancels. */
export function FileNameInput({ initial, testId, label, onSubmit, onCancel }: Props) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const result = onSubmit(value);
    if (!result.ok) setError(FILE_ERROR_MESSAGES[result.reason]);
  };
  return (
    <div className="file-name-input">
      <input
        autoFocus
        aria-label={label}
        data-testid={testId}
        value={value}
        spellCheck={false}
        onFocus={(e) => selectBaseName(e.currentTarget)}
        onChange={(e) => (setValue(e.target.value), setError(null))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') submit();
          if (e.key === 'Escape') onCancel();
        }}
        onBlur={onCancel}
      />
      {error && <div className="file-name-error" role="alert" data-testid="file-name-error">{error}</div>}
    </div>
  );
}

/** Selects the name without its extension, the part people usually change. */
function selectBaseName(input: HTMLInputElement): void {
  const slash = input.value.lastIndexOf('/') + 1;
  const dot = input.value.lastIndexOf('.');
  input.setSelectionRange(slash, dot > slash ? dot : input.value.length);
}
