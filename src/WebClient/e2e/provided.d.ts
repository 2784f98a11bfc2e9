import "vitest";

declare module "vitest" {
  /** Values the global setup hands to the browser tests (inject("gatewayUrl")). */
  export interface ProvidedContext {
    gatewayUrl: string;
    artifactsDir: string;
  }
}
