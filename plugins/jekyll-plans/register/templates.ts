/**
 * Glue: the generated pages' Nunjucks templates (autoescape on). They ship in the plugin's
 * `templates/jekyll-plans/`; a site replaces one by putting a file of the same name in its
 * layouts folder (`<layouts>/jekyll-plans/archive-year.njk`), which is searched first.
 *
 * The plugin's own HTML templates are written indented, one element per line, for reading: a
 * line break and the indentation after it are not part of the output (a space that belongs
 * to the output is written before the line break, a line break as `{{ "\n" }}`). Its XML
 * templates (`*.xml.njk`) and a site's templates are taken as written.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import { escapeXml } from "../pages/feed.ts";
import { fill, type Strings } from "../pages/strings.ts";

export interface PageTemplates {
  /** A page: `jekyll-plans/<name>.njk` with its view data. */
  render(name: string, data: object): string;
  /** One macro of `jekyll-plans/partials/<file>.njk` (the progress bar, the chart …), with its arguments. */
  macro(file: string, name: string, ...args: unknown[]): string;
}

const OWN = fileURLToPath(new URL("../templates", import.meta.url));

/** The plugin's templates, with line breaks and indentation taken out (XML ones as written). */
function ownTemplates(): nunjucks.ILoader {
  const files = new nunjucks.FileSystemLoader(OWN);
  return {
    getSource(name) {
      const source = files.getSource(name) as nunjucks.LoaderSource | null; // null when it has no such file
      if (!source || name.endsWith(".xml.njk")) return source as nunjucks.LoaderSource;
      return { ...source, src: source.src.replace(/\n[ \t]*/g, "") };
    },
  };
}

/** A renderer over the site's layouts folder, then the plugin's templates; `t` is the table of words. */
export function pageTemplates(layoutsDir: string, strings: Strings): PageTemplates {
  const env = new nunjucks.Environment([new nunjucks.FileSystemLoader(path.resolve(layoutsDir)), ownTemplates()], { autoescape: true });
  env.addGlobal("t", strings);
  env.addFilter("fill", (template: string, values: Record<string, string | number>) => fill(String(template), values));
  // XML text: escaped, less what XML 1.0 cannot hold at all (the feed stays well-formed).
  env.addFilter("xml", (value: unknown) => new nunjucks.runtime.SafeString(escapeXml(String(value ?? ""))));
  // A macro's call, compiled once (a shortcode calls it on every page that prints it).
  const calls = new Map<string, nunjucks.Template>();
  return {
    render: (name, data) => env.render(`jekyll-plans/${name}.njk`, data),
    macro(file, name, ...args) {
      if (!/^[\w-]+$/.test(file) || !/^\w+$/.test(name)) throw new Error(`[jekyll-plans] no template macro ${file}.${name}`);
      const key = `${file}.${name}/${args.length}`;
      let call = calls.get(key);
      if (!call) {
        const list = args.map((_, i) => `args[${i}]`).join(", ");
        call = new nunjucks.Template(`{% import "jekyll-plans/partials/${file}.njk" as m %}{{ m.${name}(${list}) }}`, env);
        calls.set(key, call);
      }
      return call.render({ args });
    },
  };
}
