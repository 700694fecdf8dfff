import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    demo: false,
    extend(app) {
      app.get('/api/test/explode', { config: { access: { public: true } } }, async () => {
        throw new Error('secret internal detail: connection string postgres://user:pw@db');
      });
    },
  });
});
afterAll(async () => t.close());

describe('health', () => {
  it('is 200 while the database answers', async () => {
    const response = await t.app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('is 503 when the database does not', async () => {
    const broken = await createTestApp({ demo: false });
    await broken.database.close();
    const response = await broken.app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'unavailable', database: 'down' });
    await broken.app.close();
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await t.app.inject({ url: '/api/openapi.json' });
    if (response.statusCode !== 200) console.log(response.body);
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/sign-in', '/api/geography/search', '/api/units', '/healthz']),
    );
    expect(doc.paths['/api/auth/sign-in'].post.requestBody.content['application/json'].schema).toBeDefined();
    expect(doc.components.schemas.ErrorResponse).toBeDefined();
  });

  it('serves interactive documentation at /api/docs', async () => {
    const response = await t.app.inject({ url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('swagger');
  });
});

describe('one error model', () => {
  it('answers unreadable JSON with 400 MALFORMED_REQUEST, in Thai and English', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'MALFORMED_REQUEST',
      message: { th: expect.any(String), en: expect.any(String) },
    });
  });

  it('refuses bodies that are not JSON with 415', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'text/plain' },
      payload: 'hi',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const response = await t.app.inject({ url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it('never shows internals in a 500, and gives a request id to quote', async () => {
    const response = await t.app.inject({ url: '/api/test/explode' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
    expect(response.body).not.toContain('postgres://');
    const error = response.json().error;
    expect(error.code).toBe('INTERNAL');
    expect(error.requestId).toBe(response.headers['x-request-id']);
  });

  it('sets security headers', async () => {
    const response = await t.app.inject({ url: '/healthz' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
