/**
 * RFC 4180 CSV, written for spreadsheets: a UTF-8 byte order mark first (without it Excel reads
 * UTF-8 as the local ANSI code page and garbles Indonesian names), CRLF line ends, fields quoted
 * when they hold a comma, quote, CR or LF, quotes doubled.
 *
 * CSV injection: a text cell starting with `=`, `+`, `-`, `@`, tab or CR is a formula to Excel and
 * LibreOffice, so it is prefixed with `'` (OWASP). Only text is prefixed: numbers, booleans and
 * dates come from typed columns and cannot carry a formula, and `-5` must stay a number.
 */
export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The text a value becomes in a cell, before quoting. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: unknown): string {
  const text = cellText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, terminated by CRLF. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
