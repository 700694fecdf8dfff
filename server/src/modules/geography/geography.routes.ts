import {
  District,
  DistrictCode,
  ErrorResponse,
  GeographySearchQuery,
  PlaceMatch,
  Province,
  ProvinceCode,
  Subdistrict,
} from '@oscc/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GeographyService } from './geography.service.ts';

/**
 * Geography is public reference data: the public report form (no sign-in)
 * needs the same province → district → subdistrict lists as staff.
 */
export const geographyRoutes: FastifyPluginAsyncZod<{ geography: GeographyService }> = async (app, { geography }) => {
  const PUBLIC = { access: { public: true } } as const;

  app.get(
    '/api/geography/provinces',
    {
      config: PUBLIC,
      schema: {
        tags: ['geography'],
        summary: 'All 77 provinces, in Thai alphabetical order',
        response: { 200: z.object({ items: z.array(Province) }) },
      },
    },
    async () => ({ items: await geography.listProvinces() }),
  );

  app.get(
    '/api/geography/provinces/:code/districts',
    {
      config: PUBLIC,
      schema: {
        tags: ['geography'],
        summary: "A province's districts (อำเภอ / เขต)",
        params: z.object({ code: ProvinceCode }),
        response: { 200: z.object({ items: z.array(District) }), 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => ({ items: await geography.listDistricts(request.params.code) }),
  );

  app.get(
    '/api/geography/districts/:code/subdistricts',
    {
      config: PUBLIC,
      schema: {
        tags: ['geography'],
        summary: "A district's subdistricts (ตำบล / แขวง) with postcodes",
        params: z.object({ code: DistrictCode }),
        response: { 200: z.object({ items: z.array(Subdistrict) }), 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => ({ items: await geography.listSubdistricts(request.params.code) }),
  );

  app.get(
    '/api/geography/search',
    {
      config: PUBLIC,
      schema: {
        tags: ['geography'],
        summary: 'Find places by Thai or English name (spaces optional), postcode or code',
        querystring: GeographySearchQuery,
        response: { 200: z.object({ items: z.array(PlaceMatch) }), 400: ErrorResponse },
      },
    },
    async (request) => ({ items: await geography.search(request.query.q, request.query.limit) }),
  );
};
