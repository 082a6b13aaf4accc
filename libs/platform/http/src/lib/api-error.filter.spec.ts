import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ApiError } from './api-error';
import { apiErrorReply } from './api-error.filter';

describe('apiErrorReply', () => {
  it('answers an ApiError with its status, error, message and code', () => {
    expect(
      apiErrorReply(new ApiError(400, 'invalid_action', 'feed is required', 'CDE10-01'), 'CDE10-99'),
    ).toEqual({
      status: 400,
      body: { error: 'invalid_action', message: 'feed is required', code: 'CDE10-01' },
    });
  });

  it('names other HTTP errors by their status, without a code', () => {
    expect(apiErrorReply(new NotFoundException('no such route'), 'CDE10-99')).toEqual({
      status: 404,
      body: { error: 'not_found', message: 'no such route' },
    });
    expect(apiErrorReply(new PayloadTooLargeException('too large'), 'CDE10-99')).toEqual({
      status: 413,
      body: { error: 'http_413', message: 'too large' },
    });
  });

  it('answers anything else 500 with the internal code and no detail of the error', () => {
    expect(apiErrorReply(new Error('connection refused to 10.0.0.1'), 'CDE10-99')).toEqual({
      status: 500,
      body: { error: 'internal_error', message: 'internal error', code: 'CDE10-99' },
    });
  });
});
