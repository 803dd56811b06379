import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { disposePlannerHarnesses } from "./harness";

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
