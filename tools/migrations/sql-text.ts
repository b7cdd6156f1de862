/** Splitting migration files into statements the way drizzle does, and spotting empty ones. */

/** drizzle-kit's separator between statements in a migration file. */
export const STATEMENT_BREAKPOINT = '--> statement-breakpoint';

/** The file's statements, without chunks that hold only comments or whitespace. */
export function splitStatements(text: string): string[] {
  return text.split(STATEMENT_BREAKPOINT).filter(hasStatement);
}

/**
 * True when the chunk contains anything besides whitespace, semicolons and comments. Scanning
 * stops at the first such character, so quoted text never needs to be understood.
 */
export function hasStatement(chunk: string): boolean {
  let i = 0;
  while (i < chunk.length) {
    const two = chunk.slice(i, i + 2);
    if (two === '--') {
      const end = chunk.indexOf('\n', i);
      i = end === -1 ? chunk.length : end + 1;
    } else if (two === '/*') {
      i = skipBlockComment(chunk, i);
    } else if (/[\s;]/.test(chunk.charAt(i))) {
      i += 1;
    } else {
      return true;
    }
  }
  return false;
}

/** Postgres block comments nest, so count depth rather than looking for the first `*\/`. */
function skipBlockComment(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const two = text.slice(i, i + 2);
    if (two === '/*') {
      depth += 1;
      i += 2;
    } else if (two === '*/') {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  return i;
}

/** A double-quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A statement with $1, $2… placeholders, run with its values or printed with them inlined. */
export interface Query {
  text: string;
  values: (string | number)[];
}

/**
 * The query as a script line, values written as SQL literals (for --sql). Only for queries this
 * tool builds, whose text has no `$n` other than its placeholders.
 */
export function inline(query: Query): string {
  const text = query.text.replace(/\$(\d+)/g, (placeholder, position: string) => {
    const value = query.values[Number(position) - 1];
    if (value === undefined) throw new Error(`no value for ${placeholder} in ${query.text}`);
    return typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;
  });
  return terminated(text);
}

/** A migration statement ready for a script: trimmed and ending in a semicolon. */
export function terminated(statement: string): string {
  const text = statement.trim();
  if (text.endsWith(';')) return text;
  // A semicolon after a trailing line comment would be commented out.
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  return lastLine.includes('--') ? `${text}\n;` : `${text};`;
}
