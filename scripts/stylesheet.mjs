// The package's one stylesheet: src/components/styles.css names the layer order and imports one file per component
// (src/components/styles/*.css, each in `@layer agent-planner`); the build inlines them so a host imports one file.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const INDEX = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "components", "styles.css");

/** The stylesheet with every `@import "./…";` replaced by the file's text, in order. */
export function bundleStylesheet(index = INDEX) {
  const text = readFileSync(index, "utf8");
  return text.replace(/^@import "(\.\/[^"]+\.css)";\n/gm, (_, path) => readFileSync(join(dirname(index), path), "utf8"));
}
