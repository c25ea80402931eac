import { describe, expect, it } from 'vitest'
import { countFormParts, MAX_FORM_FILES, MAX_FORM_PARTS } from '../../../src/http/forms/form-limits.js'
import { frontendsApp } from '../../helpers/frontends-app.js'
import { contactFile, filled, SITE } from './contact-form.js'

const post = (body: FormData | URLSearchParams) => ({ method: 'POST', body, headers: { Origin: SITE, Accept: 'application/json' } })

describe('how much one form post may carry', () => {
  it(`refuses more than ${MAX_FORM_PARTS} fields and files before parsing them: 422, nothing sent`, async () => {
    const { app, mailer } = frontendsApp(contactFile())
    const form = new FormData()
    for (const [k, v] of Object.entries(filled)) form.append(k, v)
    for (let i = 0; i < 5_000; i++) form.append('x', new File(['a'], 'a'))
    const res = await app.request('/forms/contact', post(form))
    expect(res.status).toBe(422)
    expect((await res.json()).errors).toEqual([{ path: '', message: `A form may carry at most ${MAX_FORM_PARTS} fields and files.` }])
    expect(mailer.sent).toHaveLength(0)
    const urlencoded = new URLSearchParams(Object.entries(filled))
    for (let i = 0; i < 5_000; i++) urlencoded.append(`f${i}`, 'v')
    expect((await app.request('/forms/contact', post(urlencoded))).status).toBe(422)
  })

  it(`refuses more than ${MAX_FORM_FILES} files, and drops empty ones`, async () => {
    const { app, mailer } = frontendsApp(contactFile())
    const form = new FormData()
    for (const [k, v] of Object.entries(filled)) form.append(k, v)
    for (let i = 0; i < 20; i++) form.append('empty', new File([], `e${i}.txt`))
    for (let i = 0; i <= MAX_FORM_FILES; i++) form.append('f', new File(['x'], `f${i}.txt`))
    const res = await app.request('/forms/contact', post(form))
    expect(res.status).toBe(422)
    expect((await res.json()).errors).toEqual([{ path: 'f', message: `A form may carry at most ${MAX_FORM_FILES} files.` }])
    expect(mailer.sent).toHaveLength(0)
  })

  it('counts multipart parts by their boundaries and urlencoded fields by their separators', () => {
    const body = new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b\r\nContent-Disposition: form-data; name="c"\r\n\r\n2\r\n--b--\r\n')
    expect(countFormParts('multipart/form-data; boundary=b', body)).toBe(2)
    expect(countFormParts('application/x-www-form-urlencoded', new TextEncoder().encode('a=1&b=2&c=3'))).toBe(3)
  })
})
