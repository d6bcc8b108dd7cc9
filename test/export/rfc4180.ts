/** A strict RFC 4180 reader for tests: it rejects what a careless writer would produce. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return rows;
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new Error('unterminated quoted field');
        const ch = text[i]!;
        if (ch === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += ch;
        i++;
      }
    } else {
      while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`bare quote in unquoted field at ${i}`);
        cell += text[i];
        i++;
      }
    }
    row.push(cell);
    if (i >= n) throw new Error('last record not terminated by CRLF');
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      rows.push(row);
      row = [];
      i += 2;
      if (i >= n) return rows;
      continue;
    }
    throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i} (records must end with CRLF)`);
  }
}

/** Rows as objects keyed by the header row. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) return [];
  return rows.map((row) => {
    if (row.length !== header.length) throw new Error(`row has ${row.length} cells, header ${header.length}`);
    return Object.fromEntries(header.map((name, index) => [name, row[index]!]));
  });
}

/** Whether a spreadsheet would read this cell as a formula. */
export function looksLikeFormula(cell: string): boolean {
  return /^[\s\u3000]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/.test(cell);
}
