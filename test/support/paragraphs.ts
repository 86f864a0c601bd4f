/**
 * Test support: a StructuredTranscript built from plain text, one statement per paragraph (blank
 * lines separate paragraphs), sentences from the parser's splitter. Lets extraction be tested on
 * its own, without the structure stage.
 */
import { splitSentences } from '../../lambdas/core/parser/sentences';
import type { Statement, StructuredTranscript } from '../../lambdas/core/parser/types';

/** Builds a structured transcript from paragraphs of text. */
export const fromParagraphs = (text: string, title = 'test'): StructuredTranscript => {
  const statements: Statement[] = [];
  const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const body = m[0].trim();
    if (body.length === 0) continue;
    const start = m.index + m[0].indexOf(body);
    statements.push({
      seq: statements.length + 1,
      text: body,
      span: [start, start + body.length],
      sentences: splitSentences(body),
      quotations: [],
    });
  }
  return { text, title, speakers: [], statements };
};
