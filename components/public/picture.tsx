import { responsiveImage } from "@/lib/images/variants";

export type PictureProps = {
  src: string;
  alt: string;
  /** The `sizes` of the srcset: how wide the image is drawn at each viewport width. */
  sizes: string;
  className?: string;
  /** The lead story's and article's image is the page's largest paint: fetch it first. */
  priority?: boolean;
  /** Drawn size when it differs from the image's (author photos); else the image's own size, for the aspect ratio. */
  width?: number;
  height?: number;
};

/**
 * An upload as `<picture>`: AVIF and WebP renditions at several widths, and width and height
 * always set so the page never shifts while it loads. An image without renditions (uploaded
 * before they existed) is a plain `<img>` with the sizes given, if any.
 */
export function Picture({ src, alt, sizes, className, priority = false, width, height }: PictureProps) {
  const image = responsiveImage(src);
  const common = {
    alt,
    className,
    decoding: "async" as const,
    loading: priority ? ("eager" as const) : ("lazy" as const),
    fetchPriority: priority ? ("high" as const) : undefined,
  };
  if (!image) {
    // eslint-disable-next-line @next/next/no-img-element -- an upload without renditions is served as stored
    return <img src={src} width={width} height={height} {...common} alt={alt} />;
  }
  const webp = image.sources.find((s) => s.type === "image/webp");
  return (
    <picture>
      {image.sources
        .filter((s) => s.type !== "image/webp")
        .map((s) => (
          <source key={s.type} type={s.type} srcSet={s.srcSet} sizes={sizes} />
        ))}
      <img src={image.src} srcSet={webp?.srcSet} sizes={sizes} width={width ?? image.width} height={height ?? image.height} {...common} alt={alt} />
    </picture>
  );
}
