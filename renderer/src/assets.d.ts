/**
 * Module shapes for what esbuild bundles besides TypeScript: a stylesheet
 * imported for its side effect (emitted as app.css next to app.js).
 */
declare module '*.css'
