/**
 * Markers shared by the chat prompt formats and the model simulator. The region markers follow Zed's
 * edit prediction prompt: the model rewrites the text between them with the cursor marker removed.
 */
export const REGION_START = '<|editable_region_start|>';
export const REGION_END = '<|editable_region_end|>';
export const CURSOR_MARKER = '<|user_cursor_is_here|>';
export const SELECTION_START = '<|selection_start|>';
export const SELECTION_END = '<|selection_end|>';
