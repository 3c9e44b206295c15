// Next.js calls register() once per server start. The Node-only work lives in
// instrumentation-node.ts so the edge bundle never sees it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
