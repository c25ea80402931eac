/**
 * The YAML parser of `MAILBRIDGE_CONFIG` files, a module of its own so that
 * `import('./yaml.js')` makes it a chunk of its own: yaml is CommonJS, and a
 * static import here gives its named export to the bundle and to Node alike.
 */
export { parse as parseYaml } from 'yaml'
