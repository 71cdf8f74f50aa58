@testable import FaaSrStorage
import Foundation
import Testing

/// The XML reader of S3 answers (no libxml2): real answer shapes from the S3 API reference and
/// moto, entities, character references, Unicode keys, and malformed input refused.
@Suite struct XMLReaderTests {
    static let listing = """
    <?xml version="1.0" encoding="UTF-8"?>
    <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
      <Name>bucket</Name><Prefix>data/</Prefix><KeyCount>3</KeyCount><MaxKeys>1000</MaxKeys>
      <IsTruncated>true</IsTruncated>
      <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
      <Contents>
        <Key>data/symbols/=&amp;:@,;()*!$&apos;~.txt</Key>
        <LastModified>2026-11-27T10:15:30.000Z</LastModified>
        <ETag>&quot;599bab3ed2c697f1d26842727561fd94&quot;</ETag>
        <Size>142863</Size><StorageClass>STANDARD</StorageClass>
      </Contents>
      <Contents><Key>data/unicode/überdata-ß-日本.bin</Key><Size>0</Size><ETag>"d41d8cd98f00b204e9800998ecf8427e"</ETag></Contents>
      <Contents><Key>data/ref-&#233;-&#x65E5;&#x1F600;&lt;x&gt;.txt</Key><Size>7</Size></Contents>
      <CommonPrefixes><Prefix>data/sub/</Prefix></CommonPrefixes>
    </ListBucketResult>
    """

    @Test func listingPageWithEntitiesAndUnicodeKeys() throws {
        let page = try #require(S3XML.listPage(Data(Self.listing.utf8)))
        #expect(page.objects.map(\.key) == ["data/symbols/=&:@,;()*!$'~.txt", "data/unicode/überdata-ß-日本.bin", "data/ref-é-日😀<x>.txt"])
        #expect(page.objects.map(\.size) == [142_863, 0, 7])
        #expect(page.objects[0].etag == "599bab3ed2c697f1d26842727561fd94")
        #expect(page.objects[1].etag == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(page.objects[0].lastModified == Date(timeIntervalSince1970: 1_795_774_530))
        #expect(page.commonPrefixes == ["data/sub/"])
        #expect(page.isTruncated && page.nextContinuationToken == "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
    }

    @Test func errorMultipartAndUploadsAnswers() throws {
        let error = #"<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>a&amp;b</Key><RequestId>4442587FB7D0A2F9</RequestId></Error>"#
        let parsed = try #require(S3XML.error(Data(error.utf8)))
        #expect(parsed.code == "NoSuchKey" && parsed.message == "The specified key does not exist." && parsed.requestID == "4442587FB7D0A2F9")
        let created = """
        <?xml version="1.0" encoding="UTF-8"?>
        <InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>b</Bucket><Key>k</Key><UploadId>VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId></InitiateMultipartUploadResult>
        """
        #expect(S3XML.uploadID(Data(created.utf8)) == "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA")
        let uploads = """
        <ListMultipartUploadsResult xmlns='http://s3.amazonaws.com/doc/2006-03-01/'>
          <Bucket>b</Bucket><IsTruncated>false</IsTruncated><NextKeyMarker>k&#47;2</NextKeyMarker>
          <Upload><Key>k/1</Key><UploadId>u1</UploadId><Initiator><ID>x</ID><DisplayName/></Initiator></Upload>
          <Upload><Key>k/2 ü</Key><UploadId>u2</UploadId></Upload>
          <!-- a comment --><Upload><Key><![CDATA[k/<3>]]></Key><UploadId>u3</UploadId></Upload>
        </ListMultipartUploadsResult>
        """
        let page = try #require(S3XML.uploadsPage(Data(uploads.utf8)))
        #expect(page.uploads.map(\.key) == ["k/1", "k/2 ü", "k/<3>"] && page.uploads.map(\.uploadID) == ["u1", "u2", "u3"])
        #expect(!page.isTruncated && page.nextKeyMarker == "k/2")
    }

    @Test func byteOrderMarkAndEmptyElements() throws {
        let root = try #require(XMLElementNode.parse(Data([0xEF, 0xBB, 0xBF] + Array("<a><b/><c x=\"1\" y='2'>t</c></a>".utf8))))
        #expect(root.name == "a" && root.children.map(\.name) == ["b", "c"] && root.value("c") == "t" && root.value("b") == "")
    }

    @Test func malformedInputIsRefused() {
        for bad in ["", "text", "<a>", "<a></b>", "<a><b></a></b>", "<a/><b/>", "<a>&unknown;</a>", "<a>&amp</a>",
                    "<a>&#0;</a>", "<a>&#xD800;</a>", "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", "<a x=1></a>",
                    "<a x=\"1\"y=\"2\"></a>", "<a><!-- open </a>", "<a>x</a>trailing", "<a><![CDATA[x</a>", "<a>b</a "] {
            #expect(XMLElementNode.parse(Data(bad.utf8)) == nil, "refused: \(bad)")
        }
        #expect(XMLElementNode.parse(Data([0x3C, 0x61, 0x3E, 0xFF, 0x3C, 0x2F, 0x61, 0x3E])) == nil, "invalid UTF-8")
    }
}
