'use client';

/**
 * Where Spark (the AI pair programmer) lives in the session layout: the right-hand column. It renders
 * nothing until the AI feature lands; the layout already reserves the slot (`.session-ai` in
 * app/globals.css collapses to zero width while this is empty).
 */
export function AiPanel() {
  return null;
}
