'use client';

import type { ComponentPropsWithoutRef } from 'react';
import ReactMarkdown, { type Components, type ExtraProps } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import { ChatCodeBlock } from './chat-code-block';

type HastNode = NonNullable<ExtraProps['node']>;
type HastChild = HastNode['children'][number];

/** The text of a hast subtree: what a code block holds, exactly as the model wrote it. */
function textOf(node: HastNode | HastChild): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map((child) => textOf(child as HastChild)).join('') : '';
}

function languageOf(code: HastChild | undefined): string | null {
  if (!code || code.type !== 'element') return null;
  const classes = code.properties.className;
  const found = Array.isArray(classes) ? classes.find((c) => String(c).startsWith('language-')) : undefined;
  return found ? String(found).slice('language-'.length) : null;
}

/**
 * Spark's answers as Markdown, safely: raw HTML in the text is dropped (`skipHtml`), what Markdown
 * produces is sanitized (rehype-sanitize, GitHub's allow-list), and images are not rendered at all, so an
 * answer can neither run script nor make the page fetch from anywhere. Code blocks get their actions.
 */
export function ChatMarkdown({ text, actions }: { text: string; actions: boolean }) {
  const components: Components = {
    pre({ node, children, ...props }: ComponentPropsWithoutRef<'pre'> & ExtraProps) {
      const code = node?.children.find((child) => child.type === 'element' && child.tagName === 'code');
      return (
        <ChatCodeBlock code={node ? textOf(node) : ''} language={languageOf(code)} actions={actions}>
          <pre {...props}>{children}</pre>
        </ChatCodeBlock>
      );
    },
    a({ node: _node, ...props }: ComponentPropsWithoutRef<'a'> & ExtraProps) {
      return <a {...props} target="_blank" rel="noopener noreferrer nofollow" />;
    },
  };
  return (
    <div className="chat-markdown">
      <ReactMarkdown skipHtml disallowedElements={['img']} rehypePlugins={[rehypeSanitize]} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
