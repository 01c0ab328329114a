// TypeDoc plugin for the API reference:
// - names each entry-point module after its package ("@chainrule/tensor"), not its folder ("tensor/src"), so the
//   reference reads as users import it, and shows the package's README at the top of its page (links to the package
//   folder or its README in the root README lead to that page);
// - refuses a function held in a `const` (an op made by `defineOp`) that would be listed under Variables: its doc
//   comment needs `@function`, so that `mul` is listed as a function with its signature.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Converter, MinimalSourceFile, ReflectionKind } from 'typedoc';

const ROOT = new URL('..', import.meta.url);

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const files = context.project.files;
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const folder = /^([a-z0-9-]+)\/src$/.exec(module.name)?.[1];
      if (!folder) continue;
      const manifest = JSON.parse(readFileSync(new URL(`packages/${folder}/package.json`, ROOT), 'utf8'));
      module.name = manifest.name;
      const readme = fileURLToPath(new URL(`packages/${folder}/README.md`, ROOT));
      const source = new MinimalSourceFile(readFileSync(readme, 'utf8'), readme);
      module.readme = app.converter.parseRawComment(source, files).content;
      files.registerReflectionPath(readme, module);
      files.registerReflectionPath(fileURLToPath(new URL(`packages/${folder}`, ROOT)), module);
    }
  });
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const variable of context.project.getReflectionsByKind(ReflectionKind.Variable)) {
      if (variable.type?.type === 'reflection' && variable.type.declaration.signatures?.length) {
        app.logger.error(
          `${variable.getFullName()} is a function held in a const and would be listed under Variables; add @function to its doc comment`,
        );
      }
    }
  });
}
