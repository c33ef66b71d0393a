using System.Text;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Tests.Interchange;

/// <summary>Builds interchange input the way files arrive: UTF-8 bytes, optionally with a BOM, optionally trickling in.</summary>
internal static class CsvInput
{
    public static byte[] Bytes(string text, bool bom = false) =>
        bom ? [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    public static (List<SurveyForm> Forms, List<CsvRejection> Rejections) Forms(string text, bool bom = false) => Forms(Bytes(text, bom));

    public static (List<SurveyForm> Forms, List<CsvRejection> Rejections) Forms(byte[] bytes, int chunk = 0)
    {
        var rejections = new List<CsvRejection>();
        Stream stream = chunk > 0 ? new TricklingStream(bytes, chunk) : new MemoryStream(bytes);
        var forms = InterchangeCsv.ReadForms(stream, rejections.Add).ToList();
        return (forms, rejections);
    }

    public static (List<RegistryRecord> Records, List<CsvRejection> Rejections) Registry(string text)
    {
        var rejections = new List<CsvRejection>();
        var records = InterchangeCsv.ReadRegistry(new MemoryStream(Bytes(text)), rejections.Add).ToList();
        return (records, rejections);
    }

    /// <summary>A forward-only stream that hands out a few bytes per read, like a network upload.</summary>
    private sealed class TricklingStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
