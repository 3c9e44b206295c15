import { createInterface } from "node:readline";
import { Writable } from "node:stream";

/**
 * Reads a secret: hidden input on a terminal, or the first line of stdin when piped
 * (`echo "$PASSWORD" | npm run patchmon -- user:create ...`).
 */
export function promptSecret(question: string): Promise<string> {
  const interactive = Boolean(process.stdin.isTTY);
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: interactive });
  return new Promise((resolve, reject) => {
    let answered = false;
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      if (interactive) process.stderr.write("\n");
      resolve(answer);
    });
    muted = interactive;
    rl.on("close", () => {
      if (!answered) reject(new CliError("no password given on stdin"));
    });
  });
}

/** An expected failure: printed as one line, exit code 1, no stack trace. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}
