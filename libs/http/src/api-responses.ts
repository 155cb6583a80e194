import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';

/** The audience of a classified record, as its views show it. */
export class AudienceView {
  @ApiProperty({ type: [String], format: 'uuid', description: 'organizations that may read it (amber)' })
  organizations!: string[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'officers that may read it (red)' })
  officers!: string[];
}

/**
 * A 200 reply that is a page of `view` (`Page<T>` of paging.ts): its items and the cursor of the
 * next page, declared in the OpenAPI document so clients generate the type.
 */
export function ApiPageOf(view: Type<unknown>, description = 'One page, newest first; nextCursor is null on the last.') {
  return applyDecorators(
    ApiExtraModels(view),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(view) } },
          nextCursor: { type: 'string', nullable: true, description: 'pass as ?cursor= for the next page' },
        },
      },
    }),
  );
}
