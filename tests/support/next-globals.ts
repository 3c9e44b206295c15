// Next's server installs AsyncLocalStorage as a global before any of its modules load; its
// request-scope storages (next/headers, auth()) read it when first imported. Import this first.
import { AsyncLocalStorage } from "node:async_hooks";

const scope = globalThis as { AsyncLocalStorage?: unknown };
scope.AsyncLocalStorage ??= AsyncLocalStorage;
