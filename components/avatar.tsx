import type { AwarenessUser } from '@/lib/shared/protocol/awareness';
import { SparkIcon } from './icons';

/** A person's initials (or Spark's mark) on their colour. */
export function Avatar({ user, size = 24 }: { user: AwarenessUser; size?: number }) {
  const initials = user.name.split(' ').map((word) => word[0]).join('').slice(0, 2).toUpperCase();
  return (
    <span className="avatar" style={{ background: user.color, width: size, height: size, fontSize: size * 0.42 }} aria-hidden="true">
      {user.kind === 'spark' ? <SparkIcon size={size * 0.6} /> : initials}
    </span>
  );
}
