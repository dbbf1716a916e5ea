# shellcheck shell=bash
# The S3-compatible server: s3proxy with its filesystem backend, SigV4 credentials, the lake bucket.

S3_PORT=${S3_PORT:-19000}
S3_ACCESS_KEY=lake-access-key
S3_SECRET_KEY=lake-secret-key-local
S3_REGION=us-east-1
S3_BUCKET=spotify-lake
S3_STATE="$LOCAL/s3"
EMPTY_BODY_SHA256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
S3PROXY_ARTIFACT=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies

s3_url() {
    echo "http://127.0.0.1:$S3_PORT"
}

s3_prepare() {
    need_download "$S3PROXY_ARTIFACT"
    mkdir -p "$S3_STATE/data"
    # Without ignore-unknown-headers Trino's listings fail (501 on x-amz-optional-object-attributes).
    cat >"$S3_STATE/s3proxy.properties" <<PROPERTIES
s3proxy.endpoint=$(s3_url)
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
s3proxy.virtual-host=
jclouds.provider=filesystem
jclouds.filesystem.basedir=$S3_STATE/data
jclouds.identity=$S3_ACCESS_KEY
jclouds.credential=$S3_SECRET_KEY
s3proxy.ignore-unknown-headers=true
PROPERTIES
}

s3_start() {
    start_server s3 "$JAVA" "$STACK_MARK" -Xmx512m -jar "$DOWNLOADS/$(download_path "$S3PROXY_ARTIFACT")" \
        --properties "$S3_STATE/s3proxy.properties"
}

# s3_request METHOD PATH: the status of a SigV4-signed request without a body. curl signs the
# payload hash given in x-amz-content-sha256 (here: of the empty body) but does not add the
# header itself, and s3proxy refuses a V4 request without it.
s3_request() {
    local method=(-X "$1")
    [[ "$1" == HEAD ]] && method=(--head)
    http_status "$(s3_url)$2" "${method[@]}" --aws-sigv4 "aws:amz:$S3_REGION:s3" --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" \
        -H "x-amz-content-sha256: $EMPTY_BODY_SHA256"
}

# Healthy: a signed ListBuckets goes through, so the credentials are accepted.
s3_healthy() {
    [[ "$(s3_request GET /)" == 200 ]]
}

# Runs once s3proxy is healthy: creates the bucket, which the filesystem backend keeps across restarts.
s3_provision() {
    local status
    status=$(s3_request HEAD "/$S3_BUCKET")
    [[ "$status" == 404 ]] && status=$(s3_request PUT "/$S3_BUCKET")
    [[ "$status" == 200 ]] || die_with_log s3 "could not create bucket $S3_BUCKET (HTTP $status)"
}

s3_timeout() {
    echo 60
}
