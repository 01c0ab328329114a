// TypeDoc plugin: names each entry-point module after its package ("@chainrule/tensor"), not its
// folder ("tensor/src"), so the API reference reads as users import it.
import { readFileSync } from 'node:fs';
import { Converter, ReflectionKind } from 'typedoc';

const ROOT = new URL('..', import.meta.url);

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const folder = /^([a-z0-9-]+)\/src$/.exec(module.name)?.[1];
      if (!folder) continue;
      const manifest = JSON.parse(readFileSync(new URL(`packages/${folder}/package.json`, ROOT), 'utf8'));
      module.name = manifest.name;
    }
  });
}
