// Student images: header checks before decoding (size caps), OpenCV decoding, and the MNIST-style
// preparation (background, inversion, crop, scale, centring).
#include "engine/data/image_io.h"

#include <dlfcn.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <mutex>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>  // the flags; the decoder itself is loaded when first needed
#include <opencv2/imgproc.hpp>
#include <string>
#include <zlib.h>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"

namespace gradlab {
namespace fs = std::filesystem;
namespace {

constexpr uint64_t kMaxImageFileBytes = 256ull << 20;


// OpenCV would start its own worker threads for resizing; the engine starts none (the app's
// bridge owns the threads), and these images are tiny.
void singleThreadedOpenCv() {
    static std::once_flag once;
    std::call_once(once, [] { cv::setNumThreads(0); });
}

// OpenCV's decoder library is loaded the first time a student's image is read, not linked: it
// brings ~140 libraries (GDAL, GDCM, OpenEXR, HEIF...) that made every start of gradlab and
// gradlab-cli 0.14 s slower on this machine, for a feature most runs never use.
// GRADLAB_OPENCV_IMGCODECS is its soname, found by CMake.
using Imdecode = cv::Mat (*)(cv::InputArray, int);
Imdecode imdecode() {
    static Imdecode fn = [] () -> Imdecode {
        void* lib = dlopen(GRADLAB_OPENCV_IMGCODECS, RTLD_NOW | RTLD_LOCAL);
        if (!lib) GL_FAIL("cannot load the image decoder ", GRADLAB_OPENCV_IMGCODECS, ": ", dlerror(),
                          " (install libopencv-imgcodecs: ./lab.sh does)");
        // cv::imdecode(InputArray, int), by its C++ name: the library has no C entry point.
        void* sym = dlsym(lib, "_ZN2cv8imdecodeERKNS_11_InputArrayEi");
        if (!sym) GL_FAIL("the image decoder ", GRADLAB_OPENCV_IMGCODECS, " has no cv::imdecode: ", dlerror());
        return reinterpret_cast<Imdecode>(sym);
    }();
    return fn;
}

[[noreturn]] void notDecodable(const fs::path& path, const std::string& why) {
    GL_FAIL_SAID(QT_TRANSLATE_NOOP("errors", "could not decode %1 as PNG or JPEG (%2)"), quoted(path), why);
}

uint32_t be32(const uint8_t* p) { return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3]; }

enum class Format { Png, Jpeg };

// Width and height from the PNG IHDR chunk or the JPEG SOF segment, without decoding.
void headerSize(const std::vector<char>& file, const fs::path& path, Format& format, int64_t& width, int64_t& height) {
    const auto* b = reinterpret_cast<const uint8_t*>(file.data());
    const size_t n = file.size();
    static const uint8_t kPng[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (n >= 8 && std::memcmp(b, kPng, 8) == 0) {
        format = Format::Png;
        if (n < 24 || std::memcmp(b + 12, "IHDR", 4) != 0) notDecodable(path, QT_TRANSLATE_NOOP("errors", "the PNG header is missing or cut short"));
        width = be32(b + 16);
        height = be32(b + 20);
        return;
    }
    if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) {
        format = Format::Jpeg;
        size_t pos = 2;
        while (pos + 4 <= n) {
            if (b[pos] != 0xFF) notDecodable(path, QT_TRANSLATE_NOOP("errors", "a JPEG segment is malformed"));
            uint8_t m = b[pos + 1];
            if (m == 0xFF) {  // fill byte
                ++pos;
                continue;
            }
            if (m == 0x01 || (m >= 0xD0 && m <= 0xD8)) {  // markers without a length
                pos += 2;
                continue;
            }
            const size_t len = (size_t(b[pos + 2]) << 8) | b[pos + 3];
            if (len < 2) notDecodable(path, QT_TRANSLATE_NOOP("errors", "a JPEG segment is malformed"));
            const bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
            if (sof) {
                if (pos + 9 > n) break;
                height = (int64_t(b[pos + 5]) << 8) | b[pos + 6];
                width = (int64_t(b[pos + 7]) << 8) | b[pos + 8];
                return;
            }
            if (m == 0xDA || m == 0xD9) notDecodable(path, QT_TRANSLATE_NOOP("errors", "the JPEG has no frame header"));
            pos += 2 + len;
        }
        notDecodable(path, QT_TRANSLATE_NOOP("errors", "the JPEG is cut short before its frame header"));
    }
    notDecodable(path, n == 0 ? QT_TRANSLATE_NOOP("errors", "the file is empty")
                              : QT_TRANSLATE_NOOP("errors", "it is neither: no PNG or JPEG signature"));
}

// Float gray in [0, 1] from any decoded Mat; transparent pixels are laid over a background that
// contrasts with the strokes (the mean gray of the opaque pixels decides which).
cv::Mat toGray(const cv::Mat& img) {
    cv::Mat f;
    const double scale = img.depth() == CV_16U ? 1.0 / 65535.0 : img.depth() == CV_8U ? 1.0 / 255.0 : 1.0;
    img.convertTo(f, CV_32F, scale);
    const int ch = f.channels();
    if (ch == 1) return f;
    cv::Mat gray, alpha;
    if (ch == 2) {
        std::vector<cv::Mat> parts;
        cv::split(f, parts);
        gray = parts[0];
        alpha = parts[1];
    } else {
        cv::cvtColor(f, gray, ch == 3 ? cv::COLOR_BGR2GRAY : cv::COLOR_BGRA2GRAY);
        if (ch == 4) cv::extractChannel(f, alpha, 3);
    }
    if (alpha.empty()) return gray;
    double minAlpha;
    cv::minMaxLoc(alpha, &minAlpha);
    if (minAlpha >= 1.0) return gray;
    const double weight = cv::sum(alpha)[0];
    const double strokes = weight > 0 ? cv::sum(gray.mul(alpha))[0] / weight : 0.0;
    const float bg = strokes > 0.5 ? 0.0f : 1.0f;
    cv::Mat out = gray.mul(alpha) + (1.0 - alpha) * bg;
    return out;
}

}  // namespace

PreparedImage loadImageLikeDataset(const fs::path& path, const FitOptions& fit) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        int err = errno;
        if (err == ENOENT) GL_FAIL_SAID(QT_TRANSLATE_NOOP("errors", "image %1 not found"), quoted(path));
        GL_FAIL_SAID(QT_TRANSLATE_NOOP("errors", "cannot open image %1: %2"), quoted(path), std::strerror(err));
    }
    if (S_ISDIR(st.st_mode)) GL_FAIL_SAID(QT_TRANSLATE_NOOP("errors", "%1 is a folder, not an image"), quoted(path));
    if (st.st_size == 0) notDecodable(path, QT_TRANSLATE_NOOP("errors", "the file is empty"));
    GL_CHECK_SAID(uint64_t(st.st_size) <= kMaxImageFileBytes,
                  QT_TRANSLATE_NOOP("errors", "image %1 is %2 bytes, more than the %3 we read"), quoted(path), st.st_size,
                  kMaxImageFileBytes);
    std::vector<char> file = readFile(path, kMaxImageFileBytes);

    Format format;
    int64_t width = 0, height = 0;
    headerSize(file, path, format, width, height);
    if (width < 1 || height < 1) notDecodable(path, str("its header gives a size of ", width, "x", height));
    // Each side may be up to 2^32 - 1 in a header: compare without multiplying (no overflow).
    if (width > kMaxImagePixels / height)
        GL_FAIL_SAID(QT_TRANSLATE_NOOP("errors", "image %1 is %2x%3 = %4 pixels, more than the %5 we decode"), quoted(path), width,
                     height, uint64_t(width) * uint64_t(height), kMaxImagePixels);

    singleThreadedOpenCv();
    const Imdecode decode = imdecode();
    cv::Mat decoded;
    try {
        cv::Mat raw(1, int(file.size()), CV_8U, file.data());
        // PNG: keep alpha and 16 bits. JPEG: gray, with the EXIF orientation applied (phone photos).
        decoded = decode(raw, format == Format::Png ? cv::IMREAD_UNCHANGED : cv::IMREAD_GRAYSCALE);
    } catch (const cv::Exception& e) {
        notDecodable(path, e.what());
    }
    if (decoded.empty() || decoded.dims != 2) notDecodable(path, QT_TRANSLATE_NOOP("errors", "the data is corrupt"));
    const int sourceWidth = decoded.cols, sourceHeight = decoded.rows;
    std::vector<char>().swap(file);
    // A large picture is shrunk first, by area, in its own depth and channels: it ends as a
    // 28 x 28 input anyway, and a 50-megapixel 16-bit RGBA PNG would take 800 MB as floats (2 GB
    // at the peak of the conversions below). 1024 pixels on the long side keep every stroke.
    constexpr int kWorkingSide = 1024;
    if (std::max(decoded.cols, decoded.rows) > kWorkingSide) {
        const double s = double(kWorkingSide) / std::max(decoded.cols, decoded.rows);
        cv::Mat small;
        cv::resize(decoded, small, cv::Size(std::max(1, int(std::lround(decoded.cols * s))), std::max(1, int(std::lround(decoded.rows * s)))),
                   0, 0, cv::INTER_AREA);
        decoded = small;
    }
    cv::Mat gray = toGray(decoded);
    if (!gray.isContinuous()) gray = gray.clone();
    PreparedImage out;
    try {
        out = fitImage(std::span<const float>(gray.ptr<float>(), size_t(gray.total())), gray.cols, gray.rows, fit);
    } catch (const Error& e) {
        GL_FAIL("image ", quoted(path), ": ", e.what());
    }
    out.sourceWidth = sourceWidth;
    out.sourceHeight = sourceHeight;
    return out;
}

PreparedImage fitImage(std::span<const float> gray, int width, int height, const FitOptions& fit) {
    GL_CHECK(width >= 1 && height >= 1 && int64_t(width) * height <= kMaxImagePixels, "an image of ", width, "x",
             height, " pixels cannot be prepared (1 to ", kMaxImagePixels, " pixels)");
    GL_CHECK(int64_t(gray.size()) == int64_t(width) * height, "fitImage: ", gray.size(), " values do not make a ",
             width, "x", height, " image");
    GL_CHECK(fit.canvas >= 4 && fit.canvas <= 1024 && fit.box >= 1 && fit.box <= fit.canvas, "fit: canvas ",
             fit.canvas, " and box ", fit.box, " must satisfy 4 <= canvas <= 1024 and 1 <= box <= canvas");
    singleThreadedOpenCv();

    cv::Mat img(height, width, CV_32F);
    for (int64_t i = 0; i < int64_t(gray.size()); ++i) {
        float v = gray[size_t(i)];
        img.ptr<float>()[i] = std::isfinite(v) ? std::clamp(v, 0.0f, 1.0f) : 0.0f;
    }

    // Background: the median of the border pixels.
    std::vector<float> border;
    for (int x = 0; x < width; ++x) border.insert(border.end(), {img.at<float>(0, x), img.at<float>(height - 1, x)});
    for (int y = 0; y < height; ++y) border.insert(border.end(), {img.at<float>(y, 0), img.at<float>(y, width - 1)});
    std::nth_element(border.begin(), border.begin() + border.size() / 2, border.end());
    float bg = border[border.size() / 2];
    PreparedImage out;
    out.inverted = fit.autoInvert && bg > 0.5f;
    if (out.inverted) {
        img = 1.0f - img;
        bg = 1.0f - bg;
    }
    double maxv;
    cv::minMaxLoc(img, nullptr, &maxv);
    const double contrast = maxv - bg;
    GL_CHECK_SAID(contrast >= 0.1, out.inverted ? QT_TRANSLATE_NOOP("errors", "the image is blank: nothing stands out from its light background")
                                                : QT_TRANSLATE_NOOP("errors", "the image is blank: nothing stands out from its dark background"));

    // Ink in [0, 1]; pixels within 20% of the contrast from the background count as background.
    constexpr double kFloor = 0.2;
    cv::Mat ink = (img - bg) * (1.0 / (contrast * (1.0 - kFloor))) - kFloor / (1.0 - kFloor);
    cv::threshold(ink, ink, 1.0, 1.0, cv::THRESH_TRUNC);
    cv::threshold(ink, ink, 0.0, 0.0, cv::THRESH_TOZERO);
    cv::Mat mask = ink > 0;
    cv::Rect box = cv::boundingRect(mask);

    const int side = std::max(box.width, box.height);
    const double scale = double(fit.box) / side;
    const int nw = std::clamp(int(std::lround(box.width * scale)), 1, fit.box);
    const int nh = std::clamp(int(std::lround(box.height * scale)), 1, fit.box);
    cv::Mat small;
    cv::resize(ink(box), small, cv::Size(nw, nh), 0, 0, scale < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::threshold(small, small, 0.0, 0.0, cv::THRESH_TOZERO);
    // Thin strokes average out when shrunk; full ink stays 1, as in MNIST.
    double smallMax;
    cv::minMaxLoc(small, nullptr, &smallMax);
    if (smallMax > 0) small /= smallMax;

    // Placement: integer offsets that keep the content inside the canvas.
    const int c = fit.canvas;
    int ox = (c - nw) / 2, oy = (c - nh) / 2;
    if (fit.centerOfMass) {
        cv::Moments m = cv::moments(small);
        if (m.m00 > 0) {
            // MNIST's convention, measured on its digits: the centre of mass, in pixel indices,
            // lands on pixel (c / 2, c / 2), i.e. (14, 14), half a pixel right of and below the
            // geometric centre.
            ox = int(std::lround(c / 2.0 - m.m10 / m.m00));
            oy = int(std::lround(c / 2.0 - m.m01 / m.m00));
        }
        ox = std::clamp(ox, 0, c - nw);
        oy = std::clamp(oy, 0, c - nh);
    }
    cv::Mat canvas = cv::Mat::zeros(c, c, CV_32F);
    small.copyTo(canvas(cv::Rect(ox, oy, nw, nh)));
    out.width = out.height = c;
    out.pixels.assign(canvas.ptr<float>(), canvas.ptr<float>() + size_t(c) * c);
    out.sourceWidth = width;
    out.sourceHeight = height;
    return out;
}

namespace {
// A PNG of 8-bit samples (colour type 0: gray, 2: RGB), written here with zlib: the format is
// signature, IHDR, one IDAT of the zlib-compressed rows (each led by filter byte 0) and IEND,
// every chunk with its CRC-32 (PNG spec, sections 5 and 11).
std::vector<char> encodePng(std::span<const uint8_t> samples, int width, int height, int channels) {
    std::vector<uint8_t> rows;
    const std::size_t stride = std::size_t(width) * std::size_t(channels);
    rows.reserve((stride + 1) * std::size_t(height));
    for (int y = 0; y < height; ++y) {
        rows.push_back(0);
        const uint8_t* row = samples.data() + stride * std::size_t(y);
        rows.insert(rows.end(), row, row + stride);
    }
    uLongf packedSize = compressBound(uLong(rows.size()));
    std::vector<uint8_t> packed(packedSize);
    GL_CHECK(compress2(packed.data(), &packedSize, rows.data(), uLong(rows.size()), 6) == Z_OK,
             "could not compress a ", width, "x", height, " PNG");
    packed.resize(packedSize);
    std::vector<char> png = {'\x89', 'P', 'N', 'G', '\r', '\n', '\x1a', '\n'};
    auto be = [](std::vector<uint8_t>& out, uint32_t v) {
        for (int shift : {24, 16, 8, 0}) out.push_back(uint8_t(v >> shift));
    };
    auto chunk = [&](const char* type, const std::vector<uint8_t>& data) {
        std::vector<uint8_t> c;
        be(c, uint32_t(data.size()));
        c.insert(c.end(), type, type + 4);
        c.insert(c.end(), data.begin(), data.end());
        be(c, uint32_t(crc32(crc32(0, nullptr, 0), c.data() + 4, uInt(c.size() - 4))));
        png.insert(png.end(), c.begin(), c.end());
    };
    std::vector<uint8_t> header;
    be(header, uint32_t(width));
    be(header, uint32_t(height));
    header.insert(header.end(), {8, uint8_t(channels == 3 ? 2 : 0), 0, 0, 0});  // depth, colour, deflate, filter, no interlace
    chunk("IHDR", header);
    chunk("IDAT", packed);
    chunk("IEND", {});
    return png;
}
}  // namespace

std::vector<char> encodeRgbPng(std::span<const uint8_t> rgb, int width, int height) {
    GL_CHECK(width >= 1 && height >= 1 && int64_t(rgb.size()) == int64_t(width) * height * 3, "encodeRgbPng: ",
             rgb.size(), " bytes do not make a ", width, "x", height, " RGB image");
    return encodePng(rgb, width, height, 3);
}

void writeGrayPng(const fs::path& path, std::span<const float> pixels, int width, int height, int scale) {
    GL_CHECK(width >= 1 && height >= 1 && int64_t(pixels.size()) == int64_t(width) * height, "writeGrayPng: ",
             pixels.size(), " values do not make a ", width, "x", height, " image");
    GL_CHECK(scale >= 1 && int64_t(width) * scale <= 16384 && int64_t(height) * scale <= 16384,
             "writeGrayPng: scale ", scale, " is out of range");
    singleThreadedOpenCv();
    cv::Mat img(height, width, CV_8U);
    for (size_t i = 0; i < pixels.size(); ++i) {
        float v = std::isfinite(pixels[i]) ? std::clamp(pixels[i], 0.0f, 1.0f) : 0.0f;
        img.data[i] = uint8_t(std::lround(v * 255.0f));
    }
    if (scale > 1) cv::resize(img, img, cv::Size(width * scale, height * scale), 0, 0, cv::INTER_NEAREST);
    const std::vector<char> png = encodePng(std::span<const uint8_t>(img.data, img.total()), img.cols, img.rows, 1);
    writeFileAtomic(path, std::span<const char>(png.data(), png.size()));
}

}  // namespace gradlab
