// Bundles the entry points, with their dependencies, to dist/ with esbuild, so `npm start` runs
// plain JavaScript (no TypeScript at run time) and loads a handful of files instead of thousands
// from node_modules. Then seeds the simulator's databases once and writes their images to
// dist/seed/, which the embedded simulator opens instead of seeding at start.
import { cp, readdir, rm, unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const outdir = process.argv.includes('--outdir') ? process.argv[process.argv.indexOf('--outdir') + 1] : 'dist';

// CommonJS dependencies in an ESM bundle: `require` of Node built-ins, `__filename`, `__dirname`.
// Bundled code sees dist/ as its directory. The bundled packages that read files beside themselves
// do it only where the app never goes (pino's worker transports) or harmlessly (ioredis reads
// its own version for CLIENT SETINFO and sends "error-fetching-version" instead).
const banner = [
  "import { createRequire as __haloCreateRequire } from 'node:module';",
  "import { fileURLToPath as __haloFileURLToPath } from 'node:url';",
  "import { dirname as __haloDirname } from 'node:path';",
  'const require = __haloCreateRequire(import.meta.url);',
  'const __filename = __haloFileURLToPath(import.meta.url);',
  'const __dirname = __haloDirname(__filename);',
].join('\n');

/**
 * Two dependencies cost a start far more than they give it (measured alone: ~100 ms and ~175 ms
 * of compiling), so the bundle gets a smaller equivalent of each.
 */
const startupDiet = {
  name: 'startup-diet',
  setup(b) {
    // The GraphiQL page inlines 9 MB of assets: load them on the first page render, from the
    // package's own build in node_modules (like better-sqlite3), not at every start.
    b.onResolve({ filter: /^@graphql-yoga\/render-graphiql$/ }, () => ({
      path: 'render-graphiql',
      namespace: 'lazy-graphiql',
    }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-graphiql' }, () => ({
      loader: 'js',
      contents: [
        "import { createRequire } from 'node:module';",
        'const requireFromDist = createRequire(import.meta.url);',
        'let page;',
        "export const renderGraphiQL = (opts) => (page ??= requireFromDist('@graphql-yoga/render-graphiql')).renderGraphiQL(opts);",
      ].join('\n'),
    }));
    // node-sql-parser's main file holds the grammars of 16 SQL dialects (4 MB); the app parses
    // T-SQL only (`astify(sql, { database: 'transactsql' })`, in src/security/sql-guard.ts and
    // simulator/src/sql/ast.ts), and the package's T-SQL-only build has the same Parser.
    // test/build/sql-parser-dialect.test.ts checks both claims.
    const transactsql = createRequire(import.meta.url).resolve('node-sql-parser/build/transactsql.js');
    b.onResolve({ filter: /^node-sql-parser$/ }, () => ({ path: transactsql }));
  },
};

/**
 * graphql-jit's ESM files import some of their siblings and graphql's deep modules by `.js` paths,
 * which are the CommonJS builds: bundled as they are, they would bring a second copy of graphql
 * (its CommonJS one), whose classes the rest of the bundle does not recognise. Inside graphql-jit,
 * those imports resolve to the `.mjs` files instead, so the bundle keeps one graphql.
 */
const oneGraphql = {
  name: 'one-graphql',
  setup(b) {
    const inJit = (importer) => /[\\/]node_modules[\\/]graphql-jit[\\/]/.test(importer);
    const mjs = (path) => (path.endsWith('.js') ? path.slice(0, -3) : path) + '.mjs';
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) =>
      inJit(args.importer) ? { path: mjs(join(dirname(args.importer), args.path)) } : undefined,
    );
    b.onResolve({ filter: /^graphql(\/.*)?$/ }, (args) => {
      if (!inJit(args.importer)) return undefined;
      const module = args.path === 'graphql' ? 'graphql/index' : args.path;
      return { path: createRequire(args.importer).resolve(mjs(module)) };
    });
    // graphql-jit calls fast-json-stringify (which brings ajv) only with `customJSONSerializer`,
    // which src/http/named-query-jit.ts never sets: the bundle gets a stand-in that says so.
    b.onResolve({ filter: /^fast-json-stringify$/ }, (args) =>
      inJit(args.importer) ? { path: 'fast-json-stringify', namespace: 'unused-serializer' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'unused-serializer' }, () => ({
      loader: 'js',
      contents:
        "export default () => { throw new Error('fast-json-stringify is not bundled: customJSONSerializer is off'); };",
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // better-sqlite3 loads its compiled addon from its own directory; it stays in node_modules.
  external: ['better-sqlite3'],
  // Packages' ESM builds where they ship both: ESM importing CommonJS goes through a getter on
  // every access to an export (graphql's, thousands per operation). graphql's deep imports
  // (`graphql/language/parser`) resolve to its .mjs files too, so there is one copy of graphql.
  mainFields: ['module', 'main'],
  resolveExtensions: ['.ts', '.mjs', '.js', '.cjs', '.json'],
  banner: { js: banner },
  plugins: [startupDiet, oneGraphql],
  logLevel: 'warning',
};

// Chunk names carry a content hash: drop the previous build's chunks, and its snapshot.
const previous = await readdir(outdir).catch(() => []);
for (const name of previous) if (name.startsWith('chunk-')) await rm(join(outdir, name), { force: true });
await rm(join(outdir, 'seed'), { recursive: true, force: true });
await rm(join(outdir, 'named-queries'), { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { main: 'src/main.ts', simulator: 'simulator/src/main.ts' },
  outdir,
  // Code behind a dynamic import() (the simulator with HALO_API_URL set, ioredis without
  // REDIS_URL) goes into chunks that are only read when imported. Chunks sit beside the entry
  // points, so `import.meta.url` means dist/ in every output file.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  sourcemap: true,
  // The maps point at the files in src/ and node_modules/ instead of embedding them (GraphiQL
  // alone is 9 MB): `node --enable-source-maps` reads the map at start.
  sourcesContent: false,
});

// The built-in named queries: src/catalogue/load.ts reads them from `./named-queries/` beside the
// module, which in the bundle is dist/. With them, their snapshot as validated now (so a start does
// not parse and check them again), written by a throwaway bundle of the same code.
await cp('src/catalogue/named-queries', join(outdir, 'named-queries'), { recursive: true });
const snapshotter = join(outdir, `.write-catalogue-snapshot-${process.pid}.mjs`);
await build({
  ...common,
  stdin: {
    contents: [
      "export { writeCatalogueSnapshot } from './src/catalogue/load.ts';",
      "export { reservedNames } from './src/schema/named-queries.ts';",
      "export { schema } from './src/schema/index.ts';",
    ].join('\n'),
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  outfile: snapshotter,
});
try {
  const { writeCatalogueSnapshot, reservedNames, schema } = await import(pathToFileURL(snapshotter).href);
  writeCatalogueSnapshot(join(outdir, 'named-queries'), reservedNames(schema));
} finally {
  await unlink(snapshotter);
}

// The seed snapshot: built from src/ by a throwaway bundle of the same seeding code.
const seeder = join(outdir, `.write-seed-snapshot-${process.pid}.mjs`);
await build({ ...common, entryPoints: ['simulator/src/db/seed-snapshot.ts'], outfile: seeder });
try {
  const { writeSeedSnapshot } = await import(pathToFileURL(seeder).href);
  writeSeedSnapshot(join(outdir, 'seed'));
} finally {
  await unlink(seeder);
}
