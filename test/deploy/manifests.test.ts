import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { z } from 'zod'
import { CONFIG_VARIABLES, loadConfig } from '../../src/config/load.js'
import { createApp } from '../../src/http/app.js'
import { parseCommandLine } from '../../src/runtime/node/cli-args.js'
import { environmentAssignments, environmentFile, parseUnitFile, seconds } from './unit-file.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const KNOWN = new Set<string>(CONFIG_VARIABLES)

/**
 * What a SIGTERM may take (startServer's defaults, see docs/operations.md):
 * requests in flight get 10 s, then the relay connections 5 s to QUIT.
 */
const SHUTDOWN_SECONDS = 10 + 5

/** Answers for the probe paths from the real app (a send that is never called, the relay always ready). */
async function served(path: string): Promise<number> {
  const app = createApp({ send: () => Promise.reject(new Error('not sending')) })
  return (await app.request(path)).status
}

/** The command after the interpreter and its flags must run the built CLI's `serve`. */
function expectServe(argv: string[]): void {
  const script = argv.findIndex((a) => a.endsWith('dist/cli.js'))
  expect(script, argv.join(' ')).toBeGreaterThan(0)
  expect(argv.slice(1, script).every((a) => a.startsWith('--'))).toBe(true)
  expect(parseCommandLine(argv.slice(script + 1))).toEqual({ name: 'serve' })
}

describe('deploy/mailbridge.service', () => {
  const unit = parseUnitFile(read('deploy/mailbridge.service'))
  const service = unit.get('Service') ?? new Map<string, string[]>()
  const one = (key: string) => {
    const values = service.get(key) ?? []
    expect(values, key).toHaveLength(1)
    return values[0]!
  }
  const example = environmentFile(read('deploy/mailbridge.env.example'))

  it('has the three sections and starts at boot', () => {
    expect([...unit.keys()]).toEqual(['Unit', 'Service', 'Install'])
    expect(unit.get('Install')?.get('WantedBy')).toEqual(['multi-user.target'])
  })

  it('sets only mailbridge variables, in Environment= and in the example EnvironmentFile', () => {
    const set = Object.keys(environmentAssignments(service.get('Environment') ?? []))
    expect(set.length).toBeGreaterThan(0)
    expect(set.filter((name) => !KNOWN.has(name))).toEqual([])
    expect(Object.keys(example.set).length).toBeGreaterThan(3)
    expect([...Object.keys(example.set), ...example.suggested].filter((name) => !KNOWN.has(name))).toEqual([])
  })

  it('reads the settings from an EnvironmentFile, and together they are a valid configuration', () => {
    expect(one('EnvironmentFile')).toBe('/etc/mailbridge/env')
    const config = loadConfig({ ...example.set, ...environmentAssignments(service.get('Environment') ?? []) })
    expect(config.smtp.host).toBe('smtp.example.com')
    expect(config.apiKeys).toHaveLength(1)
    // The one writable place under ProtectSystem=strict is the StateDirectory.
    expect(config.outboxDir.startsWith(`/var/lib/${one('StateDirectory')}/`)).toBe(true)
  })

  it('runs `serve` from the built CLI in its working directory, restarting on failure', () => {
    const argv = one('ExecStart').split(/\s+/)
    expect(argv[0]).toMatch(/^\/.*\/node$/)
    expectServe(argv)
    expect(argv.find((a) => a.endsWith('dist/cli.js'))).toBe(join(one('WorkingDirectory'), 'dist/cli.js'))
    expect(one('Restart')).toBe('on-failure')
  })

  it('stops with SIGTERM and waits longer than the graceful shutdown', () => {
    expect(one('KillSignal')).toBe('SIGTERM')
    expect(seconds(one('TimeoutStopSec'))).toBeGreaterThan(SHUTDOWN_SECONDS)
  })

  it('runs as an unprivileged user in a read-only system', () => {
    expect(one('User')).not.toMatch(/^(root|0)$/)
    expect(one('NoNewPrivileges')).toBe('yes')
    expect(one('ProtectSystem')).toBe('strict')
    expect(one('CapabilityBoundingSet')).toBe('')
  })
})

const EnvVar = z.object({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: z.object({ secretKeyRef: z.object({ name: z.string(), key: z.string(), optional: z.boolean().optional() }) }).optional(),
})
const Probe = z.object({ httpGet: z.object({ path: z.string(), port: z.union([z.string(), z.number()]) }) })
const Container = z.object({
  name: z.string(),
  image: z.string(),
  command: z.array(z.string()),
  ports: z.array(z.object({ name: z.string(), containerPort: z.number() })),
  env: z.array(EnvVar),
  livenessProbe: Probe,
  readinessProbe: Probe,
  lifecycle: z.object({ preStop: z.object({ exec: z.object({ command: z.array(z.string()) }) }) }).optional(),
  resources: z.object({ requests: z.object({ cpu: z.string(), memory: z.string() }), limits: z.object({ memory: z.string() }) }),
  securityContext: z.object({ allowPrivilegeEscalation: z.literal(false), readOnlyRootFilesystem: z.literal(true) }),
})
const Labels = z.record(z.string(), z.string())
const Deployment = z.object({
  kind: z.literal('Deployment'),
  spec: z.object({
    selector: z.object({ matchLabels: Labels }),
    template: z.object({
      metadata: z.object({ labels: Labels }),
      spec: z.object({
        terminationGracePeriodSeconds: z.number(),
        securityContext: z.object({ runAsNonRoot: z.literal(true), runAsUser: z.number() }),
        containers: z.array(Container).length(1),
      }),
    }),
  }),
})
const Service = z.object({
  kind: z.literal('Service'),
  spec: z.object({ selector: Labels, ports: z.array(z.object({ port: z.number(), targetPort: z.union([z.string(), z.number()]) })) }),
})

describe('deploy/kubernetes.yaml', () => {
  const documents = parseAllDocuments(read('deploy/kubernetes.yaml')).map((d) => {
    expect(d.errors).toEqual([])
    return d.toJS() as unknown
  })
  const deployment = Deployment.parse(documents.find((d) => z.object({ kind: z.literal('Deployment') }).safeParse(d).success))
  const service = Service.parse(documents.find((d) => z.object({ kind: z.literal('Service') }).safeParse(d).success))
  const pod = deployment.spec.template.spec
  const container = pod.containers[0]!
  const literal = Object.fromEntries(container.env.flatMap((e) => (e.value === undefined ? [] : [[e.name, e.value]])))
  /** The container's configuration, with a value for each required key of the Secret. */
  const configured = () =>
    loadConfig({
      ...literal,
      ...Object.fromEntries(container.env.filter((e) => e.valueFrom && !e.valueFrom.secretKeyRef.optional).map((e) => [e.name, 'secret-value'])),
    })

  it('is a Deployment and a Service, nothing else', () => {
    expect(documents).toHaveLength(2)
  })

  it('sets only mailbridge variables, the secret ones from the Secret', () => {
    expect(container.env.map((e) => e.name).filter((name) => !KNOWN.has(name))).toEqual([])
    for (const secret of ['SMTP_USER', 'SMTP_PASS', 'API_KEYS']) {
      const entry = container.env.find((e) => e.name === secret)
      expect(entry?.value, secret).toBeUndefined()
      expect(entry?.valueFrom?.secretKeyRef).toMatchObject({ name: 'mailbridge', key: secret })
    }
  })

  it('is a valid configuration once the Secret fills in its keys', () => {
    const config = configured()
    expect(config.host).toBe('0.0.0.0')
    expect(config.apiKeys).toEqual(['secret-value'])
  })

  it('probes /healthz for liveness and /readyz for readiness, on the port mailbridge listens on, and the app serves both', async () => {
    expect(container.livenessProbe.httpGet.path).toBe('/healthz')
    expect(container.readinessProbe.httpGet.path).toBe('/readyz')
    for (const probe of [container.livenessProbe, container.readinessProbe]) {
      const port = container.ports.find((p) => p.name === probe.httpGet.port || p.containerPort === probe.httpGet.port)
      expect(port?.containerPort).toBe(configured().port)
      expect(await served(probe.httpGet.path)).toBe(200)
    }
    expect(await served('/no-such-route')).toBe(404)
  })

  it('gives SIGTERM longer than the graceful shutdown, after the preStop pause', () => {
    const pause = Number(container.lifecycle?.preStop.exec.command.find((a) => /^\d+$/.test(a)) ?? 0)
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(pause + SHUTDOWN_SECONDS)
  })

  it('runs `serve` from the built CLI with resources set', () => {
    expectServe(container.command)
    expect(container.resources.limits.memory).toMatch(/^\d+Mi$/)
  })

  it('selects its own pods, and the Service reaches the container port', () => {
    expect(deployment.spec.selector.matchLabels).toEqual(deployment.spec.template.metadata.labels)
    expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels)
    const target = service.spec.ports[0]!.targetPort
    expect(container.ports.some((p) => p.name === target || p.containerPort === target)).toBe(true)
  })

  describe('deploy/Dockerfile, the image it runs', () => {
    const dockerfile = read('deploy/Dockerfile')
    const instructions = (name: string) => [...dockerfile.matchAll(new RegExp(`^${name} (.*)$`, 'gm'))].map((m) => m[1]!)

    it('runs the same command as an unprivileged user, exposing the container port', () => {
      expect(JSON.parse(instructions('CMD')[0]!)).toEqual(container.command)
      expect(instructions('USER')).toEqual(['node'])
      expect(pod.securityContext.runAsUser).toBe(1000) // the node image's "node" user
      expect(instructions('EXPOSE')).toEqual([String(container.ports[0]!.containerPort)])
    })

    it('copies files that exist, and installs as production does', () => {
      const sources = instructions('COPY').flatMap((args) => args.split(/\s+/).slice(0, -1))
      expect(sources.length).toBeGreaterThan(2)
      expect(sources.filter((s) => !existsSync(join(ROOT, s)))).toEqual([])
      expect(instructions('RUN').join('\n')).toMatch(/npm ci --omit=dev[\s\S]*npm run build/)
    })
  })
})
