import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";
import { disposePlannerHarnesses } from "./harness";

// findBy… waits up to 5 s (not 1 s): a lazy dialog's first open loads its chunk, slow on a loaded CI machine.
configure({ asyncUtilTimeout: 5_000 });

// Radix and cmdk measure and observe elements; jsdom has neither API.
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoopResizeObserver;
// jsdom implements none of these (Radix Select and cmdk call them).
Object.assign(Element.prototype, {
  scrollIntoView() {},
  hasPointerCapture: () => false,
  releasePointerCapture() {},
});

afterEach(async () => {
  cleanup();
  await disposePlannerHarnesses();
});
