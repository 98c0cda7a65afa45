import { describe, expect, it } from 'vitest';
import { isAcceptableName, readForm, SMALL_FORM, type FormLimits } from './read-form.server';

const RETURN_LIKE: FormLimits = { maxFields: 50, maxIndex: 99, maxFiles: 2, maxFileBytes: 1024 };
const urlencoded = (body: string) => new Request('http://portal.test/', { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
const multipart = (form: FormData) => new Request('http://portal.test/', { method: 'POST', body: form });

describe('isAcceptableName', () => {
  it('accepts the names our forms use', () => {
    for (const name of ['csrf', 'orderNumber', 'lines[0].photoKeys', 'lines[99].reasonId', 'conditions']) expect(isAcceptableName(name, 99), name).toBe(true);
  });
  it('refuses indexes past the bound, and names Conform would choke on or treat specially', () => {
    for (const name of ['x[10000000]', 'lines[100].quantity', '__proto__', 'a.__proto__', '__INTENT__', 'x[', 'a..b', 'x[]', '', 'x'.repeat(201)]) {
      expect(isAcceptableName(name, 99), name).toBe(false);
    }
  });
});

describe('readForm', () => {
  it('reads a url-encoded and a multipart form alike', async () => {
    const read = await readForm(urlencoded('orderNumber=%231001&email=a%40b.c'), SMALL_FORM);
    expect(read.ok && Object.fromEntries(read.formData)).toEqual({ orderNumber: '#1001', email: 'a@b.c' });
    const form = new FormData();
    form.set('lines[0].quantity', '1');
    form.set('lines[0].photos', new File([new Uint8Array(10)], 'a.jpg'));
    const multi = await readForm(multipart(form), RETURN_LIKE);
    expect(multi.ok).toBe(true);
    expect((multi.formData.get('lines[0].photos') as File).size).toBe(10);
  });

  it('refuses a huge index at once, keeping what came before it', async () => {
    const read = await readForm(urlencoded('orderNumber=1&x[10000000]=1&email=e'), SMALL_FORM);
    expect(read).toMatchObject({ ok: false, reason: 'badName' });
    expect([...read.formData.keys()]).toEqual(['orderNumber']);
  });

  it('refuses too many fields, in both encodings', async () => {
    expect(await readForm(urlencoded(Array.from({ length: 21 }, (_, i) => `f${i}=1`).join('&')), SMALL_FORM)).toMatchObject({ ok: false, reason: 'tooManyFields' });
    const form = new FormData();
    for (let i = 0; i < 51; i++) form.append('conditions', 'x');
    expect(await readForm(multipart(form), RETURN_LIKE)).toMatchObject({ ok: false, reason: 'tooManyFields' });
  });

  it('refuses too many files and too large a file; empty file inputs do not count', async () => {
    const form = new FormData();
    for (let i = 0; i < 4; i++) form.append('lines[0].photos', new File([], ''));
    for (let i = 0; i < 3; i++) form.append('lines[0].photos', new File([new Uint8Array(5)], `p${i}.jpg`));
    expect(await readForm(multipart(form), RETURN_LIKE)).toMatchObject({ ok: false, reason: 'tooManyFields' });
    const big = new FormData();
    big.set('lines[0].photos', new File([new Uint8Array(1025)], 'big.jpg'));
    expect(await readForm(multipart(big), RETURN_LIKE)).toMatchObject({ ok: false, reason: 'tooLarge' });
    // A form with no file input reads not one byte of a file.
    expect(await readForm(multipart(big), SMALL_FORM)).toMatchObject({ ok: false, reason: 'tooLarge' });
  });

  it('drops a file too large when the form says so, keeping every other field and file', async () => {
    const form = new FormData();
    form.set('lines[0].note', 'seam torn');
    form.append('lines[0].photos', new File([new Uint8Array(1025)], 'big.jpg'));
    form.append('lines[0].photos', new File([new Uint8Array(5)], 'small.jpg'));
    form.set('lines[1].note', 'after the file');
    const read = await readForm(multipart(form), { ...RETURN_LIKE, skipOversizedFiles: true });
    expect(read).toMatchObject({ ok: true, oversized: ['lines[0].photos'] });
    expect(read.formData.get('lines[1].note')).toBe('after the file');
    expect(read.formData.getAll('lines[0].photos').map((file) => (file as File).name)).toEqual(['small.jpg']);
  });

  it('answers "unreadable" for another content type or a broken multipart body', async () => {
    expect(await readForm(new Request('http://portal.test/', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }), SMALL_FORM)).toMatchObject({ ok: false, reason: 'unreadable' });
    const broken = new Request('http://portal.test/', { method: 'POST', body: '--x\r\nnonsense', headers: { 'Content-Type': 'multipart/form-data; boundary=x' } });
    expect((await readForm(broken, SMALL_FORM)).ok).toBe(false);
  });
});
