import { act, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { lazyDialog } from "../../src/components/lazy-dialog";

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

const Loaded = ({ open }: Props) => (open ? <div role="dialog" aria-label="Loaded dialog" /> : null);

describe("lazyDialog", () => {
  it("preload fetches the code once and never rejects; a failed fetch is tried again when the dialog opens", async () => {
    let fail = true;
    const load = vi.fn(() => (fail ? Promise.reject(new Error("offline")) : Promise.resolve(Loaded)));
    const { Dialog, preload } = lazyDialog<Props>(load);

    // Offline: preload settles without a rejection (a handler calling it ignores the result).
    await expect(preload()).resolves.toBeUndefined();
    expect(load).toHaveBeenCalledTimes(1);

    // Back online: opening fetches again and shows the dialog; later preloads reuse the fetched code.
    fail = false;
    render(<Dialog open onOpenChange={() => undefined} />);
    expect(await screen.findByRole("dialog", { name: "Loaded dialog" })).toBeTruthy();
    await act(async () => {
      await preload();
      await preload();
    });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
