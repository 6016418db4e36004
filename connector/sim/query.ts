import type { SimRow } from "./tables.ts";

/**
 * RouterOS `print` queries: each `?` word pushes a result on a stack, `?#` words combine results, and
 * a row matches when every result left on the stack is true.
 *
 * - `?name` has the property; `?-name` lacks it
 * - `?name=x` / `?=name=x` equals; `?<name=x` / `?>name=x` compares (numerically when both are numbers)
 * - `?#` followed by operations: `!` negate top, `&` and, `|` or, `.` drop top, a digit pushes a copy
 *   of that stack entry
 */
export type RowPredicate = (row: SimRow) => boolean;

export class QueryError extends Error {
  override name = "QueryError";
}

type Step = (row: SimRow, stack: boolean[]) => void;

function compare(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== "" && b !== "" && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseWord(word: string): Step {
  const body = word.slice(1);
  if (body.startsWith("#")) {
    const ops = body.slice(1);
    return (_row, stack) => {
      for (const op of ops) {
        if (op === "!") stack.push(!stack.pop());
        else if (op === "&" || op === "|") {
          const b = stack.pop() ?? true;
          const a = stack.pop() ?? true;
          stack.push(op === "&" ? a && b : a || b);
        } else if (op === ".") stack.pop();
        else if (/\d/.test(op)) stack.push(stack[Number(op)] ?? true);
        else throw new QueryError(`bad query operation ${op}`);
      }
    };
  }
  const m = /^([<>=-]?)([^=]+)(?:=(.*))?$/s.exec(body.startsWith("=") ? body.slice(1) : body);
  if (!m) throw new QueryError(`bad query word ${word}`);
  const [, op = "", name = "", value] = m;
  const prefix = body.startsWith("=") ? "=" : op;
  if (prefix === "-") return (row, stack) => void stack.push(row[name] === undefined);
  if (value === undefined) return (row, stack) => void stack.push(row[name] !== undefined);
  if (prefix === "<") return (row, stack) => void stack.push(row[name] !== undefined && compare(row[name], value) < 0);
  if (prefix === ">") return (row, stack) => void stack.push(row[name] !== undefined && compare(row[name], value) > 0);
  return (row, stack) => void stack.push((row[name] ?? "") === value);
}

/** Compiles the `?` words of a sentence; throws `QueryError` on a malformed one. */
export function compileQuery(words: readonly string[]): RowPredicate {
  const steps = words.map(parseWord);
  if (steps.length === 0) return () => true;
  return (row) => {
    const stack: boolean[] = [];
    for (const step of steps) step(row, stack);
    return stack.every(Boolean);
  };
}
