// Gives ESLint's TypeScript parser a TypeScript it can use. PeerShare builds
// with TypeScript 7, the native compiler, which has no JavaScript API;
// typescript-eslint needs that API (its peer range stops before 6.1). npm
// installs a TypeScript 6 for it beside neostandard, but packages it hoists
// (ts-api-utils) still find the root TypeScript 7 first. This hook sends every
// package that would load the root TypeScript to that 6 instead, in the process
// that lints, and nowhere else. Drop it once typescript-eslint reads TypeScript 7.
import { createRequire, registerHooks } from 'node:module'
import { pathToFileURL } from 'node:url'

if (typeof registerHooks !== 'function') {
  throw new Error(`ESLint here needs Node 22.15 or newer (this is ${process.version}): run it through \`npm run lint\`, which uses the checkout's own Node.`)
}

const require = createRequire(import.meta.url)
const rootTypescript = pathToFileURL(require.resolve('typescript')).href
const parserTypescript = pathToFileURL(createRequire(require.resolve('neostandard')).resolve('typescript')).href

registerHooks({
  resolve (specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context)
    return specifier === 'typescript' && resolved.url === rootTypescript ? { ...resolved, url: parserTypescript } : resolved
  }
})
