import 'server-only';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Settings } from '@/lib/server/env';
import { BLOB_KEY, sha256Hex, type BlobStore, type StoredBlob } from './blob-store';

/** Objects above this go up in 8 MB parts (a 50 MB original is 7 parts, retried one part at a time). */
const PART_SIZE = 8 * 1024 * 1024;

/**
 * Blobs in an S3-compatible bucket (AWS S3, MinIO, R2, Ceph), under `blobs/<aa>/<bb>/<sha256>` like the file store.
 * The bucket stays private: browsers get bytes through our own routes (which check share links and access), never
 * a bucket URL that would outlive a revoked link.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
      // Checksums only where S3 demands them: several S3-compatible stores mishandle the chunked-checksum bodies
      // that newer SDKs send by default.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  async put(bytes: Uint8Array): Promise<string> {
    const key = sha256Hex(bytes);
    // An object of another size (a store that kept a broken upload) is uploaded again; S3 makes an object visible
    // only once it is whole, so a HEAD's length is a cheap and sufficient check.
    if (await this.has(key, bytes.byteLength)) return key;
    // lib-storage sends one PutObject for small bodies and a multipart upload for large ones. Content-addressed
    // keys make concurrent puts of the same bytes harmless: both write the same object.
    await new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: objectKey(key), Body: bytes, ContentType: 'application/octet-stream' },
      partSize: PART_SIZE,
      queueSize: 2,
    }).done();
    return key;
  }

  async read(key: string): Promise<Buffer> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey(key) }));
    if (!object.Body) throw new Error(`Blob ${key} has no body`);
    return Buffer.from(await object.Body.transformToByteArray());
  }

  async stream(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey(key) }));
      if (!object.Body) return null;
      // Streamed through: a 50 MB original never sits whole in this process's memory.
      const body = Readable.toWeb(object.Body as Readable) as ReadableStream<Uint8Array>;
      return { body, size: object.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async has(key: string, size?: number): Promise<boolean> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey(key) }));
      return size === undefined ? (head.ContentLength ?? 0) > 0 : head.ContentLength === size;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /** For boot and /api/health: throws a message naming the setting to fix when the bucket cannot be used. */
  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      throw new Error(describeBucketError(error, this.bucket));
    }
  }

  async *list(): AsyncIterable<StoredBlob> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: 'blobs/', ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key?.split('/').pop() ?? '';
        if (BLOB_KEY.test(key) && object.Key === objectKey(key)) {
          yield { key, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date() };
        }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey(key) }));
  }

  /** Multipart uploads a killed instance left open keep their parts (and their cost) until aborted. */
  async removeAbandoned(before: Date): Promise<{ count: number; bytes: number }> {
    let count = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.bucket,
            Prefix: 'blobs/',
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        );
      } catch (error) {
        // Some S3-compatible stores (s3rver among them) do not list uploads: nothing to abort that we can see.
        const status = (error as S3ServiceException | undefined)?.$metadata?.httpStatusCode;
        if (status === 404 || status === 405 || status === 501) return { count, bytes: 0 };
        throw error;
      }
      for (const upload of page.Uploads ?? []) {
        if (!upload.Key || !upload.UploadId || !upload.Initiated || upload.Initiated >= before) continue;
        await this.client.send(
          new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: upload.Key, UploadId: upload.UploadId }),
        );
        count += 1;
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
    // The parts' sizes would cost a ListParts per upload; the count is what the report needs.
    return { count, bytes: 0 };
  }

  destroy(): void {
    this.client.destroy();
  }
}

function objectKey(key: string): string {
  if (!BLOB_KEY.test(key)) throw new Error('Invalid blob key');
  return `blobs/${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`;
}

function isMissing(error: unknown): boolean {
  // By name, not instanceof: the SDK is bundled once per server layer and the store is a globalThis singleton.
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NoSuchKey' || name === 'NotFound') return true;
  const status = (error as S3ServiceException | undefined)?.$metadata?.httpStatusCode;
  return status === 404;
}

function describeBucketError(error: unknown, bucket: string): string {
  const status = (error as S3ServiceException | undefined)?.$metadata?.httpStatusCode;
  const name = (error as { name?: string } | undefined)?.name ?? '';
  const code = (error as { code?: string } | undefined)?.code ?? '';
  if (status === 404 || name === 'NotFound' || name === 'NoSuchBucket') {
    return `S3_BUCKET: the bucket "${bucket}" does not exist at this endpoint`;
  }
  if (
    status === 403 ||
    status === 401 ||
    /InvalidAccessKeyId|SignatureDoesNotMatch|AccessDenied|Forbidden/.test(name)
  ) {
    return `S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: the object store refused these credentials for bucket "${bucket}"`;
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET/.test(`${code} ${name} ${String(error)}`)) {
    return `S3_ENDPOINT: the object store cannot be reached (${code || name || 'connection failed'})`;
  }
  return `S3 settings: the bucket "${bucket}" cannot be used (${name || String(error)})`;
}
