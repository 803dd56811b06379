import type { Preview } from "@storybook/react-vite";
import "../src/components/styles.css";
import "../stories/support/host.css";
import { plannerDecorator, withPlanner } from "../stories/support/planner-story";

const preview: Preview = {
  ...withPlanner(),
  decorators: [plannerDecorator],
  parameters: { layout: "fullscreen" },
  globalTypes: {
    theme: {
      description: "The host page's colour scheme",
      toolbar: {
        title: "Theme",
        icon: "mirror",
        items: [
          { value: "light", title: "Light" },
          { value: "dark", title: "Dark" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: "light" },
};

export default preview;
