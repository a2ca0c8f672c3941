// After tsc: the files the compiled plugin reads beside itself (its browser scripts,
// fallback layouts and page templates) go into dist/, where import.meta.url finds them.
import { cpSync } from "node:fs";

for (const folder of ["assets", "layouts", "templates"]) {
  cpSync(new URL(`../${folder}`, import.meta.url), new URL(`../dist/${folder}`, import.meta.url), { recursive: true });
}
