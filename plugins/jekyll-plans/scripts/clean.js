// Before tsc: dist/ starts empty, so that a module or template deleted from the sources is not
// left in it from an earlier build (and packed with the package).
import { rmSync } from "node:fs";

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
