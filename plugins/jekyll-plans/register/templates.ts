/**
 * Glue: the generated pages' Nunjucks templates (autoescape on). They ship in the plugin's
 * `templates/jekyll-plans/`; a site replaces one by putting a file of the same name in its
 * layouts folder (`<layouts>/jekyll-plans/archive-year.njk`), which is searched first.
 *
 * The plugin's own templates are written indented, one element per line, for reading: a
 * line break and the indentation after it are not part of the output (a space that belongs
 * to the output is written before the line break). A site's templates are taken as written.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";

export type RenderPage = (name: string, data: object) => string;

const OWN = fileURLToPath(new URL("../templates", import.meta.url));

/** The plugin's templates, with line breaks and indentation taken out. */
function ownTemplates(): nunjucks.ILoader {
  const files = new nunjucks.FileSystemLoader(OWN);
  return {
    getSource(name) {
      const source = files.getSource(name) as nunjucks.LoaderSource | null; // null when it has no such file
      return (source ? { ...source, src: source.src.replace(/\n[ \t]*/g, "") } : null) as nunjucks.LoaderSource;
    },
  };
}

/** A renderer over the site's layouts folder, then the plugin's templates. */
export function pageTemplates(layoutsDir: string): RenderPage {
  const env = new nunjucks.Environment([new nunjucks.FileSystemLoader(path.resolve(layoutsDir)), ownTemplates()], { autoescape: true });
  return (name, data) => env.render(`jekyll-plans/${name}.njk`, data);
}
