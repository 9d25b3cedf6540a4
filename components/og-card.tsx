// Markup for next/og (Satori): inline styles and flex layout only.
type Props = {
  title: string;
  siteName: string;
  slogan: string;
  category: string;
  date: string;
  /** A data: URL of the cover, when the article has one. */
  cover?: string;
  colors: { brand: string; ink: string; muted: string };
};

export function OgCard({ title, siteName, slogan, category, date, cover, colors }: Props) {
  const onCover = Boolean(cover);
  return (
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        position: 'relative',
        background: onCover ? '#111' : '#ffffff',
        fontFamily: 'OG Sans',
      }}
    >
      {cover && (
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={cover}
          alt=""
          width={1200}
          height={630}
          style={{
            position: 'absolute',
            top: 0,
            left: 0,
            width: 1200,
            height: 630,
            objectFit: 'cover',
          }}
        />
      )}
      {cover && (
        <div
          style={{
            position: 'absolute',
            top: 0,
            left: 0,
            width: 1200,
            height: 630,
            background: 'linear-gradient(180deg, rgba(0,0,0,0.15) 0%, rgba(0,0,0,0.8) 100%)',
          }}
        />
      )}
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          padding: '0 64px',
          height: 110,
          background: colors.brand,
          color: '#ffffff',
        }}
      >
        <div style={{ fontSize: 48, letterSpacing: 6 }}>{siteName}</div>
        <div style={{ fontSize: 28, opacity: 0.9 }}>{slogan}</div>
      </div>
      <div
        style={{
          display: 'flex',
          flex: 1,
          flexDirection: 'column',
          justifyContent: 'center',
          padding: '0 64px',
        }}
      >
        <div
          style={{
            fontSize: title.length > 40 ? 54 : 64,
            lineHeight: 1.3,
            color: onCover ? '#ffffff' : colors.ink,
            display: 'flex',
          }}
        >
          {title}
        </div>
      </div>
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 24,
          padding: '0 64px 48px',
          fontSize: 30,
          color: onCover ? '#f3f3f3' : colors.muted,
        }}
      >
        <div
          style={{
            display: 'flex',
            color: '#ffffff',
            background: colors.brand,
            padding: '6px 18px',
          }}
        >
          {category}
        </div>
        <div style={{ display: 'flex' }}>{date}</div>
      </div>
    </div>
  );
}
