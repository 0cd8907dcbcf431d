/**
 * The language service proposes and filters, the n-grams continue and rank. An n-gram suggestion whose
 * identifier the service allows is kept whole (it knows how the line goes on); one it rules out is
 * dropped, unless the service allows no name there at all (it does not know the value). Without an
 * allowed n-gram guess the service's own names are used only when they leave no doubt: one name, or the
 * part several names share. A blank beats a wrong guess.
 */
import type { SemanticView } from './semantic-view';

const IDENTIFIER_HEAD = /^[\w$]*/;

function sharedPrefix(names: string[]): string {
  let shared = names[0] ?? '';
  for (const name of names) {
    let i = 0;
    while (i < shared.length && i < name.length && shared[i] === name[i]) i++;
    shared = shared.slice(0, i);
  }
  return shared;
}

export function combine(view: SemanticView, ngram: string): string {
  if (view.kind === 'none') return ngram;
  const { partial, names } = view;
  const identifier = partial + (IDENTIFIER_HEAD.exec(ngram)?.[0] ?? '');
  if (view.kind === 'argument') return ngram || names[0] || '';
  if (view.kind === 'scope' && view.newIdentifier) return ngram;
  // No allowed name extends what is typed: the service does not know the value (an import it cannot
  // resolve, a plain JavaScript object), so it has nothing to rule out.
  if (names.length === 0) return ngram;
  // The n-gram engine finishes the name the service allows: keep its whole continuation.
  if (identifier && names.includes(identifier)) return ngram;
  if (names.length === 1) return names[0]!.slice(partial.length);
  // Several names, none settled: only the characters they all share are certain.
  const shared = sharedPrefix(names);
  return shared.length > partial.length ? shared.slice(partial.length) : '';
}
