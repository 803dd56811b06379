import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { AlertDialog, AlertDialogAction, AlertDialogCancel, AlertDialogContent, AlertDialogDescription, AlertDialogFooter, AlertDialogHeader, AlertDialogTitle, Button, Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "../../src/components/ui";

/** The dialog shell the job and trigger dialogs use, and the delete confirmation. */
const meta = {
  title: "Primitives/Dialog",
  args: { kind: "dialog" },
  render: ({ kind }) =>
    kind === "alert" ? (
      <AlertDialog defaultOpen>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete &quot;Old report&quot;?</AlertDialogTitle>
            <AlertDialogDescription>The job stops running and its run history is removed. This cannot be undone.</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction>Delete</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    ) : (
      <Dialog defaultOpen>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Create scheduled job</DialogTitle>
            <DialogDescription>Run the agent on a timetable.</DialogDescription>
          </DialogHeader>
          <DialogBody>
            <p>The form goes here.</p>
          </DialogBody>
          <DialogFooter>
            <Button variant="outline">Cancel</Button>
            <Button>Create job</Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    ),
} satisfies Meta<{ kind: "dialog" | "alert" }>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Open: Story = {
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement.ownerDocument.body).findByRole("dialog", { name: "Create scheduled job" })).toBeVisible();
  },
};

export const ConfirmDelete: Story = {
  args: { kind: "alert" },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement.ownerDocument.body).findByRole("alertdialog", { name: 'Delete "Old report"?' })).toBeVisible();
  },
};

export const Dark: Story = { ...Open, globals: { theme: "dark" } };
